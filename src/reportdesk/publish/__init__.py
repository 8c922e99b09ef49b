"""The report as a web page: the HTML a government website publishes, from a jinja2 template."""
