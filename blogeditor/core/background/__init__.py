"""Site-wide work in a helper process, so the process that types never shares its GIL with it."""
