"""Moving in from NukeViet 4: read the old site's database and bring its news, pictures and staff over."""
