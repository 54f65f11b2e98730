//! Accounts: password hashes, and the provisioning of agencies and staff.

pub mod password;
