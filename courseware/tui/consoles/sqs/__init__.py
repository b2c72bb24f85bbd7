"""The SQS console: queues list, create/edit form, queue page with send/receive and triggers.

sqs_model holds the form rules and attribute mapping, free of Textual.
"""
