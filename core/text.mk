# core/text.mk: sources, unit tests, fuzz targets and benchmarks of this area.
