"""The Templates screen: the owner's and the built-in card wordings, with a live preview."""
