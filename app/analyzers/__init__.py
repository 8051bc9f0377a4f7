"""Analyzers turn an extracted document into unit weight, materials and a cost model."""
