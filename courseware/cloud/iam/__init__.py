"""IAM enforcement for the embedded cloud: who a role is and what its policies allow."""
