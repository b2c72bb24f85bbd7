"""The CloudWatch Logs console: log groups, streams, events and live tail.

logs_model formats events and filters, free of Textual.
"""
