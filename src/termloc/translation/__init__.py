"""The translator workflow: units, PO catalogs, checks, translated renders."""
