"""A hostile library: files crafted to attack a terminal reader, and the tests that load it."""
