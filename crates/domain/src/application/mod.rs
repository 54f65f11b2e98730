pub mod clock;
pub mod event;
pub mod fees;
pub mod handling;
pub mod intake;
pub mod outcome;
pub mod stats;
pub mod status;
