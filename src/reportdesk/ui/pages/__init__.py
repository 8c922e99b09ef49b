"""The pages of the window's stack: the start page, a narrative section, a table section."""
