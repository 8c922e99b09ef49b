"""The Word document: the report template, rendering, the sign-off sheet and PDF conversion."""
