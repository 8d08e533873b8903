package dev.redismigrate.core.store;

import dev.redismigrate.core.port.TargetClaim;

class InMemoryTargetClaimTest extends TargetClaimContract {
    @Override
    protected TargetClaim newClaims() {
        return new InMemoryTargetClaim();
    }
}
