"""Project tools that run outside a build: importers and the benchmark."""
