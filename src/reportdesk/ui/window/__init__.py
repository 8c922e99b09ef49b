"""The main window's frame: side list, page stack, findings panel, banner, menus and their wiring."""
