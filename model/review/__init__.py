"""Review of a design: waivers of findings, review status, semantic diff.

The value types (model.review.values) are imported by the design itself; the layers over
findings (waivers) and designs (diff) import the rules and stay out of this package's
import so the design never pulls in the rule engine.
"""
