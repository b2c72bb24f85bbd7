"""The DynamoDB console: tables list, create form, items explorer, item editor.

ddb_items and ddb_query hold key and item parsing and query building, free of Textual.
"""
