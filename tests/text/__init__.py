"""Tests of the Chinese text engine (layout.text); a package so module names cannot clash with other test folders."""
