"""The classroom: the instructor's live grid of learners × lab steps, and the learner's app
that shows the instructor's notes."""
