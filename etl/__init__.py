"""ETL: the offices' files (CSV/XLSX, Spanish headers, Latin-1, day-first dates) into SQL."""
