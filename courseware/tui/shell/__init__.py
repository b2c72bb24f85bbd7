"""The app frame: the App, its areas and navigation, help, settings, the palette and the CLI pane.

Also the pieces every feature shares: area screens with cloud access, confirm dialog, option picker.
"""
