"""The Lambda console: functions list, create form, and the function page's tabs

(code, test, configuration, triggers, monitor); packages and events are pure helpers.
"""
