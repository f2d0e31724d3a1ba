"""Date formats per language (FORMAT_MODULE_PATH): Dutch writes month abbreviations in lower
case ("31 mrt 2026"), English capitalises them ("31 Mar 2026"). Templates use the named
formats SHORT_DATE_FORMAT and SHORT_DATETIME_FORMAT, never a literal pattern with "M"."""
