"""Reading what courts send: the bytes checked and bounded, parsed in a worker, laid out, identified, read into returns and validated."""
