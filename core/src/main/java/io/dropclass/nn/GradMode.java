package io.dropclass.nn;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * The engine's autograd switch, which PyTorch keeps per thread. The engine turns it off in the
 * thread that starts it, and a training turns it on only inside its gradient collector; any other
 * thread (a Spark task's, a pool's) starts with it on, and loading weights into a network's
 * parameters there fails ("a leaf Variable that requires grad is being used in an in-place
 * operation"). Inference outside the engine's first thread turns it off first.
 */
public final class GradMode {

    private GradMode() {}

    /** Turns recording of operations for autograd off in the calling thread. */
    public static void offInThisThread() {
        if ("PyTorch".equals(Engine.getInstance().getEngineName())) {
            JniUtils.setGradMode(false);
        }
    }
}
