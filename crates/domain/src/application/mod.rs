pub mod clock;
pub mod fees;
pub mod outcome;
pub mod stats;
pub mod status;
