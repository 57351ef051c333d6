"""Batch export: every PDF of one provinsi and year in a ZIP, made in the background."""
