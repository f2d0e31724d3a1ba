# "b" is the lower-case month abbreviation (mrt, okt), as Dutch writes it; "M" would give Mrt.
SHORT_DATE_FORMAT = "j b Y"
SHORT_DATETIME_FORMAT = "j b Y H:i"
