"""CloudFormation beyond moto: SAM templates expanded, missing resource types, honest failures."""
