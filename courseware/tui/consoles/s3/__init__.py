"""The S3 console: buckets list and create, a bucket's objects (upload, download, view) and its
event notifications (add, remove, let S3 invoke a function). s3_model holds the rules, free of Textual.
"""
