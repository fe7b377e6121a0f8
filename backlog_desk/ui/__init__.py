"""The PySide6 desktop user interface; the only package (with app.py) that imports Qt."""
