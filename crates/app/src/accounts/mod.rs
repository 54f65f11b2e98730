//! Accounts: password hashes, and the provisioning of staff accounts.

pub mod import;
pub mod password;
pub mod provision;
pub mod security;
pub mod sign_in;

pub use provision::{
    AccountRefusal, AccountRequest, add_system_admin, create_staff_account, reset_password,
    set_staff_email,
};
