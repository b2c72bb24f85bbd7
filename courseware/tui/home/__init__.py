"""The home screen: the course map of chapters, labs and quiz, with progress.

Its data (what to continue, what is due) is read in home_data, free of widgets.
"""
