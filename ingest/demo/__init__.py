"""Synthetic but realistic "Lai Châu demo" data for the import pipeline and the evaluations."""

from ingest.demo.generate import DemoTotals, generate_demo

__all__ = ["DemoTotals", "generate_demo"]
