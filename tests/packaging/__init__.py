"""The package as a user installs it: a wheel in a fresh virtual environment."""
