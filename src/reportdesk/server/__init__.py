"""Running the drafts database on a shared PostgreSQL server: the accounts (``reportdesk admin``)
and moving reports between a file and a server (``reportdesk db copy``)."""
