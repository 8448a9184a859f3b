/**
 * FNet's token mixing, Re(FFT2(x)), behind {@link org.jnrf.network.fourier.FourierMixer}: JTransforms with lane-wise
 * FFTs and a cached Bluestein plan for awkward sequence lengths on the CPU backend, cos/sin matrix products on a device; {@link org.jnrf.network.fourier.FourierMixers} picks
 * one ({@code -Djnrf.fourier}). Of org.jnrf it may import org.jnrf.network.compute only.
 */
package org.jnrf.network.fourier;
