"""SNS console: topics (list, create, delete), a topic's subscriptions (SQS and Lambda, raw
delivery, filter policies), and publish; ``sns_model`` holds the Textual-free rules."""
