"""Adapters turn public data sets into the tables of the import format, for the one import path."""
