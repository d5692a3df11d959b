package org.neuromod.experiment.web;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The experiment names a known environment with valid parameters and known agents with unique
 * labels, and stays within {@link ExperimentLimits}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = RunnableExperimentValidator.class)
@interface RunnableExperiment {

    String message() default "is not a runnable experiment";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
