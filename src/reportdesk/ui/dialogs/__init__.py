"""The window's dialogs: generate Word, history, bin, a body's details, a new report, questions."""
