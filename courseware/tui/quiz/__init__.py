"""The quiz: practice, exam simulation with timer and navigator, results, reviews due.

Option picking and explanations per option; sessions come from courseware.course.quiz.
"""
