"""A gLabels 3 document for one card a page, merging a CSV of ``message`` and ``business``.

The layout is Rapport's flat card (``exports.cards.base.CardFace``): the message in the brush
face within a 0.3 in margin, the business's name small at the foot. Its format is gLabels 3's
own, as its templates in /usr/share/libglabels-3.0/templates and a saved document show
(a gzip'd ``Glabels-document``); the CSV's first line names the fields.
"""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import quoteattr

MARGIN = 21.6  # points: CardFace.margin, 0.3 in
FOOTER = 14.0  # CardFace.footer_height


def card_template(size: list[float] | tuple[float, float], data: Path) -> str:
    """The document for cards of ``size`` (points) merged from the CSV file ``data``."""
    w, h = size
    inner = w - 2 * MARGIN
    footer_y = h - MARGIN - FOOTER
    message_h = h - 2 * MARGIN - FOOTER - 8
    return f"""<?xml version="1.0"?>
<Glabels-document xmlns="http://glabels.org/xmlns/3.0/">
  <Template brand="Rapport" part="card {w:g}x{h:g}" size="Other" width="{w:g}pt" height="{h:g}pt"
            description="One card a page">
    <Meta category="card"/>
    <Label-rectangle id="0" width="{w:g}pt" height="{h:g}pt" round="0pt" x_waste="0pt"
                     y_waste="0pt">
      <Markup-margin size="{MARGIN:g}pt"/>
      <Layout nx="1" ny="1" x0="0pt" y0="0pt" dx="{w:g}pt" dy="{h:g}pt"/>
    </Label-rectangle>
  </Template>
  <Objects id="0" rotate="False">
    <Object-text x="{MARGIN:g}pt" y="{MARGIN + 4:g}pt" w="{inner:g}pt" h="{message_h:g}pt"
                 justify="Left" valign="Center" auto_shrink="True"
                 a0="1" a1="0" a2="0" a3="1" a4="0" a5="0">
      <Span color="0x212126ff" font_family="Rapport Brush" font_size="18" font_weight="Regular"
            font_italic="False" line_spacing="1.3"><Field name="message"/></Span>
    </Object-text>
    <Object-text x="{MARGIN:g}pt" y="{footer_y:g}pt" w="{inner:g}pt" h="{FOOTER:g}pt"
                 justify="Center" valign="Bottom" auto_shrink="True"
                 a0="1" a1="0" a2="0" a3="1" a4="0" a5="0">
      <Span color="0x6b6b73ff" font_family="Noto Serif" font_size="7" font_weight="Regular"
            font_italic="False" line_spacing="1.2"><Field name="business"/></Span>
    </Object-text>
  </Objects>
  <Merge type="Text/Comma/Line1Keys" src={quoteattr(str(data))}/>
  <Data/>
</Glabels-document>
"""
