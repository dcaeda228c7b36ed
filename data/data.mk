# data/: demo cases and the demo registry in source form, signed at start.
