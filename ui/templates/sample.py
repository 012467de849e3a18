"""The sample customer the Templates screen previews with when no real one is chosen.

She lives in ``domain.template_sample``: an imported template is tried on her too.
"""

from domain.template_sample import SAMPLE_FRIEND, milestone_for, sample_customer

__all__ = ["SAMPLE_FRIEND", "milestone_for", "sample_customer"]
