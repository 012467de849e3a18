"""The command line (``python main.py COMMAND``): headless commands that never import Qt, each
through the storage and export code the window uses, so the two never word or decide a thing
differently."""
