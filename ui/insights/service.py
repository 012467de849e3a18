"""What the Insights screen asks of the notebook, on the worker thread only: the figures
(storage.insights, the rules the command line uses) and the charts drawn by the one renderer
that also prints them (exports.insights_pdf), read by PDFium for the screen."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from domain.agenda import paper_for
from domain.insights import Insights

if TYPE_CHECKING:
    from ui.cards.pdf_raster import PdfPages


@dataclass(frozen=True)
class InsightsData:
    insights: Insights
    shop: str
    paper: str  # "A4" or "Letter", as the owner's country prints


class InsightsService:
    """Thin facade over storage.insights and exports.insights_pdf."""

    def load(self, today: date) -> InsightsData:
        """The insights of the 12 months up to ``today``."""
        from storage import insights
        from storage.templates import load_sender

        found = insights.insights(today)
        sender = load_sender()
        return InsightsData(found, sender.business or sender.owner, paper_for(sender.home))

    def charts(self, data: InsightsData) -> PdfPages:
        """The charts, one a page, as the PDF draws them (reportlab and PDFium load here)."""
        from exports import insights_pdf
        from ui.cards import pdf_raster

        return pdf_raster.read(insights_pdf.render_panels(data.insights))

    def write_pdf(self, data: InsightsData, path: Path) -> Path:
        """The printable insights (two pages) written to ``path``, atomically."""
        from exports import insights_pdf
        from exports.atomic import write_atomic

        write_atomic(path, insights_pdf.render(data.insights, data.shop, data.paper))
        return path

    def save_costs(self, costs: Mapping[str, int]) -> None:
        """The owner's spend per source over 12 months, in cents."""
        from storage import insights

        insights.save_source_costs(costs)

    def record_sources(self) -> None:
        """Add the "Found us via" field to every customer's page."""
        from storage import insights

        insights.record_sources()
