"""What the consoles share: cloud-calling widgets and panes, the table cursor, form fields,

and reading IAM policies (the Lambda and IAM consoles both show a role's permissions).
"""
