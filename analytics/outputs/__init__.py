"""What leaves the app: charts, the comparison as files, and the writers that keep every file's text as text."""
