"""The homepage: the lossless model of its teasers, merging, publishing."""
