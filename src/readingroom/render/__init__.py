"""Markdown to terminal lines: markdown-it-py tokens laid out at a width, with semantic roles.

The renderer knows nothing of colours: each run of text carries role names (`h1`, `strong`,
`link`, `tok-keyword`...) and the article view maps roles to styles from the theme.
"""
