/** The puppets, for the video and for any other format drawing the same cast (e.g. the comic). */
export { Puppet, PuppetGroup, PUPPET_UNITS, type PuppetGroupProps } from './Puppet.js';
export { EXPRESSION_ORDER, expressionAt, expressionIndex, type Expression } from './expression.js';
