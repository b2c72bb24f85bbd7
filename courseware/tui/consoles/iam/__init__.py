"""The IAM console: roles, create-role form, a role's trust and permissions policies and
its policy simulator (SimulatePrincipalPolicy).

Policy reading shared with the Lambda console lives in consoles.common.iam_summary.
"""
